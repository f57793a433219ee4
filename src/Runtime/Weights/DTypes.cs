using System;
using TorchSharp;

namespace NetDsl.Runtime.Weights;

/// <summary>The dtypes weight files carry, their sizes and their names in each format.</summary>
internal static class DTypes
{
    public static int ElementSize(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
        torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
        torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int16 => 2,
        torch.ScalarType.Byte or torch.ScalarType.Int8 or torch.ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a dtype weight files carry"),
    };

    public static bool IsSupported(torch.ScalarType type) => type is torch.ScalarType.Float64 or torch.ScalarType.Float32
        or torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int64 or torch.ScalarType.Int32
        or torch.ScalarType.Int16 or torch.ScalarType.Int8 or torch.ScalarType.Byte or torch.ScalarType.Bool;

    public static bool IsFloatingPoint(torch.ScalarType type) => type is torch.ScalarType.Float64 or torch.ScalarType.Float32
        or torch.ScalarType.Float16 or torch.ScalarType.BFloat16;

    /// <summary>PyTorch's name: float32, int64, ...</summary>
    public static string Name(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 => "float64",
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.Float16 => "float16",
        torch.ScalarType.BFloat16 => "bfloat16",
        torch.ScalarType.Int64 => "int64",
        torch.ScalarType.Int32 => "int32",
        torch.ScalarType.Int16 => "int16",
        torch.ScalarType.Int8 => "int8",
        torch.ScalarType.Byte => "uint8",
        torch.ScalarType.Bool => "bool",
        _ => type.ToString(),
    };

    /// <summary>The storage class <c>torch.FloatStorage</c> etc. that PyTorch pickles for a dtype.</summary>
    public static string StorageName(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 => "DoubleStorage",
        torch.ScalarType.Float32 => "FloatStorage",
        torch.ScalarType.Float16 => "HalfStorage",
        torch.ScalarType.BFloat16 => "BFloat16Storage",
        torch.ScalarType.Int64 => "LongStorage",
        torch.ScalarType.Int32 => "IntStorage",
        torch.ScalarType.Int16 => "ShortStorage",
        torch.ScalarType.Int8 => "CharStorage",
        torch.ScalarType.Byte => "ByteStorage",
        torch.ScalarType.Bool => "BoolStorage",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no PyTorch storage class"),
    };

    public static torch.ScalarType? FromStorageName(string name) => name switch
    {
        "DoubleStorage" => torch.ScalarType.Float64,
        "FloatStorage" => torch.ScalarType.Float32,
        "HalfStorage" => torch.ScalarType.Float16,
        "BFloat16Storage" => torch.ScalarType.BFloat16,
        "LongStorage" => torch.ScalarType.Int64,
        "IntStorage" => torch.ScalarType.Int32,
        "ShortStorage" => torch.ScalarType.Int16,
        "CharStorage" => torch.ScalarType.Int8,
        "ByteStorage" => torch.ScalarType.Byte,
        "BoolStorage" => torch.ScalarType.Bool,
        _ => null,
    };

    /// <summary>The safetensors dtype name: F32, I64, BOOL, ...</summary>
    public static string SafeTensorsName(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 => "F64",
        torch.ScalarType.Float32 => "F32",
        torch.ScalarType.Float16 => "F16",
        torch.ScalarType.BFloat16 => "BF16",
        torch.ScalarType.Int64 => "I64",
        torch.ScalarType.Int32 => "I32",
        torch.ScalarType.Int16 => "I16",
        torch.ScalarType.Int8 => "I8",
        torch.ScalarType.Byte => "U8",
        torch.ScalarType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no safetensors dtype"),
    };

    public static torch.ScalarType? FromSafeTensorsName(string name) => name switch
    {
        "F64" => torch.ScalarType.Float64,
        "F32" => torch.ScalarType.Float32,
        "F16" => torch.ScalarType.Float16,
        "BF16" => torch.ScalarType.BFloat16,
        "I64" => torch.ScalarType.Int64,
        "I32" => torch.ScalarType.Int32,
        "I16" => torch.ScalarType.Int16,
        "I8" => torch.ScalarType.Int8,
        "U8" => torch.ScalarType.Byte,
        "BOOL" => torch.ScalarType.Bool,
        _ => null,
    };
}
