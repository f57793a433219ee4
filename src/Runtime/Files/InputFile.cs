using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NetDsl.Runtime.Files;

/// <summary>
/// Opens a file that a user or a download named, for reading, and only if it is a regular file. A FIFO, a socket or a
/// terminal would make an ordinary open or read wait forever (a FIFO blocks open(2) until a writer appears), so on
/// Linux and macOS the file is opened with O_NONBLOCK, which returns at once for every kind of file, and then refused
/// unless it can seek (pipes, FIFOs and terminals cannot). A folder is refused by name.
/// </summary>
internal static class InputFile
{
    /// <summary>The opened file. <paramref name="error"/> makes the exception for a problem (its message says what).</summary>
    public static FileStream OpenRead(string path, Func<string, Exception?, Exception> error, int bufferSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw error("is a folder, not a file", null);
        FileStream stream;
        try
        {
            stream = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()
                ? new FileStream(OpenNonBlocking(path), FileAccess.Read, bufferSize)
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw error(File.Exists(path) ? $"cannot be opened: {e.Message}" : "does not exist", e);
        }
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw error("is a pipe, FIFO, socket or terminal, not a regular file; reading it could wait forever", null);
        }
        return stream;
    }

    private static SafeFileHandle OpenNonBlocking(string path)
    {
        var flags = OperatingSystem.IsMacOS() ? MacReadOnlyNonBlockingCloseOnExec : LinuxReadOnlyNonBlockingCloseOnExec;
        var descriptor = open(path, flags);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                2 => new FileNotFoundException("file not found", path),
                13 or 1 => new UnauthorizedAccessException($"permission denied ({Marshal.GetPInvokeErrorMessage(errno)})"),
                _ => new IOException(Marshal.GetPInvokeErrorMessage(errno)),
            };
        }
        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    // O_RDONLY | O_NONBLOCK | O_CLOEXEC: Linux 0 | 0x800 | 0x80000 (x86, ARM, RISC-V), macOS 0 | 0x4 | 0x1000000.
    private const int LinuxReadOnlyNonBlockingCloseOnExec = 0x800 | 0x80000;
    private const int MacReadOnlyNonBlockingCloseOnExec = 0x4 | 0x1000000;

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
