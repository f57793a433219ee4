using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>
/// Python's own zipfile and pickle read an archive written here the way torch.load(weights_only=True) does:
/// the archive folder from the first record, the version record, CRCs, an Unpickler whose find_class allows only
/// torch.load's weights-only globals and whose persistent_load resolves ('storage', type, key, location, numel) to
/// data/key. (PyTorch itself is not installed here; this checks everything but torch's C++ tensor construction.)
/// Skipped when python3 is not on the PATH.
/// </summary>
public sealed class PythonReadsOurArchiveTests
{
    private const string Script = """
        import sys, zipfile, pickle, struct, json, collections
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None, "CRC error"
        names = z.namelist()
        prefix = names[0].split('/')[0] + '/'
        assert all(n.startswith(prefix) for n in names)
        version = z.read(prefix + '.data/version') if prefix + '.data/version' in names else z.read(prefix + 'version')
        assert int(version) == 3
        assert z.read(prefix + 'byteorder') == b'little'
        sizes = {'FloatStorage': (4, 'f'), 'LongStorage': (8, 'q'), 'DoubleStorage': (8, 'd'), 'IntStorage': (4, 'i'), 'ByteStorage': (1, 'B'), 'BoolStorage': (1, '?')}
        class Storage:
            def __init__(self, name): self.name = name
        def rebuild(storage, offset, size, stride, requires_grad, hooks, *metadata):
            kind, data = storage
            width, code = sizes[kind]
            count = 1
            for d in size: count *= d
            values = struct.unpack('<%d%s' % (len(data) // width, code), data)
            assert list(stride) == [int(__import__('math').prod(size[i + 1:])) for i in range(len(size))]
            return {'shape': list(size), 'values': [float(v) for v in values[offset:offset + count]]}
        class Weights(pickle.Unpickler):
            def find_class(self, module, name):
                if (module, name) == ('collections', 'OrderedDict'): return collections.OrderedDict
                if (module, name) == ('torch._utils', '_rebuild_tensor_v2'): return rebuild
                if module == 'torch' and name in sizes: return Storage(name)
                raise pickle.UnpicklingError('refused ' + module + '.' + name)
            def persistent_load(self, pid):
                tag, storage_type, key, location, numel = pid
                assert tag == 'storage' and location == 'cpu'
                data = z.read(prefix + 'data/' + key)
                assert len(data) == numel * sizes[storage_type.name][0]
                return (storage_type.name, data)
        import io
        state = Weights(io.BytesIO(z.read(prefix + 'data.pkl'))).load()
        assert type(state) is collections.OrderedDict
        print(json.dumps(state))
        """;

    [Fact]
    public void PythonsUnpickler_ReadsTheArchive_WithTorchLoadsWeightsOnlyRules()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var python = FindPython();
        if (python is null)
            return;
        var model = SmallNet(seed: 41);
        var path = Path.Combine(folder, "for-python.pt");
        model.SaveWeights(path);
        var script = Path.Combine(folder, "read.py");
        File.WriteAllText(script, Script);

        var start = new ProcessStartInfo(python, new[] { script, path }) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.True(process.ExitCode == 0, error);

        using var json = JsonDocument.Parse(output);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(model.state_dict().Keys, keys);
        foreach (var (key, tensor) in model.state_dict())
        {
            var entry = json.RootElement.GetProperty(key);
            Assert.Equal(tensor.shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
            var expected = tensor.to_type(ScalarType.Float64).flatten().data<double>().ToArray();
            var actual = entry.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(expected, actual);
        }
    }

    private static string? FindPython()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "python3");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
