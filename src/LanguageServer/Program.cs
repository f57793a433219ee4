namespace NetDsl.LanguageServer;

internal static class Program
{
    private static async System.Threading.Tasks.Task<int> Main()
    {
        await Server.RunAsync(System.Console.OpenStandardInput(), System.Console.OpenStandardOutput());
        return 0;
    }
}
