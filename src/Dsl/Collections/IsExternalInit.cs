// netstandard2.0 lacks this marker type; C# needs it for records and init accessors.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
