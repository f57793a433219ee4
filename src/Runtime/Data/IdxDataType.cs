namespace NetDsl.Runtime.Data;

/// <summary>The element type of an IDX file (its third magic byte).</summary>
public enum IdxDataType : byte
{
    UnsignedByte = 0x08,
    SignedByte = 0x09,
    Int16 = 0x0B,
    Int32 = 0x0C,
    Single = 0x0D,
    Double = 0x0E,
}
