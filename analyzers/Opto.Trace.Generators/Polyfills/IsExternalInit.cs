// netstandard2.0 lacks the marker type the compiler needs for init accessors, which records use.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
