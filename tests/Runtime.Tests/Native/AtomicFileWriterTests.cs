using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NetDsl.Runtime.Native;
using Xunit;

namespace NetDsl.Runtime.Tests.Native;

public sealed class AtomicFileWriterTests
{
    [Fact]
    public void Write_CreatesFoldersAndReplacesAnExistingFile()
    {
        var target = Path.Combine(TestPaths.NewTempFolder(), "a", "b", "lib.so");

        AtomicFileWriter.Write(target, new byte[] { 1, 2, 3 });
        AtomicFileWriter.Write(target, new byte[] { 4, 5 });

        Assert.Equal(new byte[] { 4, 5 }, File.ReadAllBytes(target));
        Assert.Equal(new[] { target }, Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [Fact]
    public async Task RacingWriters_ReadersOnlyEverSeeACompleteFile()
    {
        // Each writer stands for a separate process writing its own complete content to the same name.
        var target = Path.Combine(TestPaths.NewTempFolder(), "lib.so");
        var contents = Enumerable.Range(1, 6).Select(w => Enumerable.Repeat((byte)w, 512 * 1024 + w).ToArray()).ToArray();
        var observed = new ConcurrentBag<byte[]>();

        var writers = contents.Select(content => Task.Run(() =>
        {
            for (var i = 0; i < 15; i++)
                AtomicFileWriter.Write(target, content);
        })).ToArray();
        var allWritten = Task.WhenAll(writers);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            // Read until every writer is done (a completion condition, not a timer), and once more after.
            do
            {
                try
                {
                    observed.Add(File.ReadAllBytes(target));
                }
                catch (FileNotFoundException)
                {
                    // Before the first rename there is simply no file; that is fine.
                }
            }
            while (!allWritten.IsCompleted);
            observed.Add(File.ReadAllBytes(target));
        })).ToArray();
        await Task.WhenAll(readers.Append(allWritten));

        Assert.NotEmpty(observed);
        Assert.All(observed, bytes => Assert.Contains(contents, c => c.AsSpan().SequenceEqual(bytes)));
        Assert.Equal(new[] { target }, Directory.GetFiles(Path.GetDirectoryName(target)!));
    }
}
