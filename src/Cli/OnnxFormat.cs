using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.Export.Onnx;
using NetDsl.WeightFormats;

namespace NetDsl.Cli;

/// <summary>
/// <c>netdsl export onnx</c>: one network as an ONNX model (docs/export.md, "From the command line"), through the same
/// lowering and writer as the runtime's <c>model.ExportOnnx</c>, without TorchSharp. With <c>--weights</c> the weights come
/// from a safetensors file, checked key by key against the network; without, every weight is a graph input.
/// </summary>
internal sealed class OnnxFormat : IExportFormat
{
    public string Name => "onnx";

    public string Extension => ".onnx";

    public bool Binary => true;

    public bool TakesWeights => true;

    public int Export(IReadOnlyList<DslSource> sources, ExportRequest request, Stream output, TextWriter error)
    {
        if (request.Networks.Count > 1)
        {
            error.WriteLine($"netdsl: an ONNX file holds one network; name one with --network, not {request.Networks.Count}");
            return ExitCodes.Errors;
        }
        var found = DeclaredNetworks.FromSources(sources, request.Networks.FirstOrDefault(), request.Arguments);
        var errors = DiagnosticText.Write(found.Diagnostics, error);
        foreach (var problem in found.Errors) error.WriteLine($"netdsl: {problem}");
        if (found.Declaration is not { } declaration || errors > 0) return ExitCodes.Errors;
        var declared = DeclaredNetworks.Check(declaration);
        if (declared.Network is null)
        {
            // Only an argument can fail here (the files checked above): its message names the parameter.
            foreach (var diagnostic in declared.Diagnostics) error.WriteLine($"netdsl: {diagnostic.Message}");
            return ExitCodes.Errors;
        }
        try
        {
            var graph = OnnxLowerer.Lower(declared);
            var metadata = OnnxMetadata.Of(graph, declaration.Text);
            if (request.Weights is null)
            {
                error.WriteLine($"netdsl: no --weights given: the weights are inputs of the graph ({graph.Initializers.Count(i => i.StateKey is not null)} of them, named by their state_dict keys); give --weights FILE.safetensors to store them");
                OnnxModelWriter.Write(output, graph, null, metadata);
                return ExitCodes.Success;
            }
            using var file = OpenWeights(request.Weights, error);
            if (file is null) return ExitCodes.Errors;
            var problems = SafeTensorsWeights.Problems(graph, file);
            if (problems.Count > 0)
            {
                error.WriteLine($"netdsl: {request.Weights} does not hold the weights of {declaration.Name}:");
                foreach (var problem in problems) error.WriteLine($"  {problem}");
                return ExitCodes.Errors;
            }
            OnnxModelWriter.Write(output, graph, SafeTensorsWeights.Of(file), metadata);
            return ExitCodes.Success;
        }
        catch (OnnxExportException problem)
        {
            error.WriteLine($"netdsl: {problem.Message}");
            return ExitCodes.Errors;
        }
        catch (WeightFileException problem)
        {
            // The file changed under the export after its header was checked.
            error.WriteLine($"netdsl: {request.Weights}: safetensors: {problem.Message}");
            return ExitCodes.Errors;
        }
    }

    /// <summary>The weights file with its header checked, or null after saying what is wrong with it.</summary>
    private static SafeTensorsFile? OpenWeights(string path, TextWriter error)
    {
        if (!path.EndsWith(".safetensors", System.StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"netdsl: {path}: --weights reads safetensors files (.safetensors); save the weights as safetensors first (model.SaveWeights(\"w.safetensors\") in NetDsl, safetensors.torch.save_file in PyTorch)");
            return null;
        }
        if (!File.Exists(path)) throw new UsageException($"no weights file '{path}'");
        try
        {
            return SafeTensorsFile.Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        }
        catch (WeightFileException problem)
        {
            error.WriteLine($"netdsl: {path}: safetensors: {problem.Message}");
            return null;
        }
    }
}
