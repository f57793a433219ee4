using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>The content of one IDX file: its element type, its dimensions and its data (big-endian, as stored).</summary>
public sealed class IdxArray
{
    internal IdxArray(string path, IdxDataType type, int[] shape, byte[] data)
    {
        Path = path;
        Type = type;
        Shape = shape;
        Data = data;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    public IdxDataType Type { get; }

    /// <summary>The dimensions, outermost first (MNIST images: <c>[N, 28, 28]</c>; labels: <c>[N]</c>).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The elements, row-major, big-endian as in the file.</summary>
    public byte[] Data { get; }

    /// <summary>The number of elements along the first dimension.</summary>
    public int Count => Shape[0];

    /// <summary>
    /// The data as a tensor of the file's shape: uint8, int8, int16, int32, float32 or float64. The caller owns it.
    /// </summary>
    public torch.Tensor ToTensor()
    {
        TorchNative.EnsureLoaded();
        var shape = Array.ConvertAll((int[])Shape, d => (long)d);
        switch (Type)
        {
            case IdxDataType.UnsignedByte:
                return torch.tensor(Data, torch.uint8).reshape(shape);
            case IdxDataType.SignedByte:
                return torch.tensor(Array.ConvertAll(Data, b => unchecked((sbyte)b)), torch.int8).reshape(shape);
            case IdxDataType.Int16:
            {
                var values = new short[Data.Length / 2];
                for (var i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadInt16BigEndian(Data.AsSpan(i * 2));
                return torch.tensor(values, torch.int16).reshape(shape);
            }
            case IdxDataType.Int32:
            {
                var values = new int[Data.Length / 4];
                for (var i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadInt32BigEndian(Data.AsSpan(i * 4));
                return torch.tensor(values, torch.int32).reshape(shape);
            }
            case IdxDataType.Single:
            {
                var values = new float[Data.Length / 4];
                for (var i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadSingleBigEndian(Data.AsSpan(i * 4));
                return torch.tensor(values, torch.float32).reshape(shape);
            }
            case IdxDataType.Double:
            {
                var values = new double[Data.Length / 8];
                for (var i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadDoubleBigEndian(Data.AsSpan(i * 8));
                return torch.tensor(values, torch.float64).reshape(shape);
            }
            default:
                throw new InvalidOperationException($"unknown IDX type 0x{(byte)Type:X2}");
        }
    }
}
