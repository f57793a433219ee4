// A small GPT, declared in Adder.net and generated at build time, learns 3-digit addition from generated problems:
// it is trained on 40,000 of the 1,000,000 problems and scored on 2,000 others it never saw.
using System;
using NetDsl.Examples.Gpt;
using NetDsl.Runtime;

AdderOptions options;
try
{
    options = AdderOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"gpt-adder: {e.Message}");
    Console.Error.WriteLine(AdderOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(AdderOptions.Usage);
    return 0;
}

TorchNative.EnsureLoaded();
Console.WriteLine("The network, as the compiler checked it at build time:");
Console.WriteLine();
Console.WriteLine(Adder.Summary);
Console.WriteLine();
AdderTraining.Run(options, Console.Out);
return 0;
