using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetDsl.Runtime.Native;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Every epoch's record, in order: what <c>Trainer.Fit</c> returns, what a checkpoint carries (so a resumed run
/// continues the same curve), and what is written as CSV, JSON and a PNG plot.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = new();

    public TrainingHistory()
    {
    }

    public TrainingHistory(IEnumerable<EpochRecord> epochs) => _epochs.AddRange(epochs);

    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    public int Count => _epochs.Count;

    public EpochRecord? Last => _epochs.Count == 0 ? null : _epochs[^1];

    /// <summary>Every name recorded in any epoch, in first-seen order.</summary>
    public IReadOnlyList<string> Names => _epochs.SelectMany(e => e.Names).Distinct().ToArray();

    /// <summary>One value across epochs (NaN where an epoch did not record it).</summary>
    public double[] Series(string name) => _epochs.Select(e => e.TryGet(name, out var v) ? v : double.NaN).ToArray();

    public void Add(EpochRecord record)
    {
        if (_epochs.Count > 0 && record.Epoch <= _epochs[^1].Epoch)
            throw new ArgumentException($"epoch {record.Epoch} follows epoch {_epochs[^1].Epoch}");
        _epochs.Add(record);
    }

    /// <summary>Keeps the first <paramref name="count"/> epochs (a resumed run replaces what came after its checkpoint).</summary>
    internal void Truncate(int count)
    {
        if (count < _epochs.Count)
            _epochs.RemoveRange(count, _epochs.Count - count);
    }

    public string ToCsv()
    {
        var names = Names;
        var text = new StringBuilder();
        text.Append("epoch");
        foreach (var name in names)
            text.Append(',').Append(name);
        text.Append('\n');
        foreach (var epoch in _epochs)
        {
            text.Append(epoch.Epoch.ToString(CultureInfo.InvariantCulture));
            foreach (var name in names)
            {
                text.Append(',');
                if (epoch.TryGet(name, out var value))
                    text.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A JSON array with one object per epoch: <c>[{"epoch": 1, "loss": 0.51, ...}, ...]</c>.</summary>
    public string ToJson()
    {
        var array = new JsonArray();
        foreach (var epoch in _epochs)
        {
            var item = new JsonObject { ["epoch"] = epoch.Epoch };
            foreach (var name in epoch.Names)
            {
                var value = epoch[name];
                item[name] = double.IsFinite(value) ? JsonValue.Create(value) : null;
            }
            array.Add(item);
        }
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static TrainingHistory FromJson(string json)
    {
        var history = new TrainingHistory();
        var array = JsonNode.Parse(json) as JsonArray ?? throw new FormatException("a training history is a JSON array of epochs");
        foreach (var node in array)
        {
            var item = node as JsonObject ?? throw new FormatException("each epoch of a training history is a JSON object");
            var epoch = item["epoch"]?.GetValue<int>() ?? throw new FormatException("an epoch without an \"epoch\" number");
            var values = new Dictionary<string, double>();
            foreach (var (name, value) in item)
            {
                if (name != "epoch")
                    values[name] = value is null ? double.NaN : value.GetValue<double>();
            }
            history.Add(new EpochRecord(epoch, values));
        }
        return history;
    }

    /// <summary>Writes <see cref="ToCsv"/> to a file (atomically: readers never see half a file).</summary>
    public void SaveCsv(string path) => AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes(ToCsv()));

    /// <summary>Writes <see cref="ToJson"/> to a file (atomically).</summary>
    public void SaveJson(string path) => AtomicFileWriter.Write(path, Encoding.UTF8.GetBytes(ToJson()));

    public static TrainingHistory LoadJson(string path) => FromJson(File.ReadAllText(path));

    /// <summary>Draws the training curves (loss; the metrics) as a PNG; see <see cref="HistoryPlot"/>.</summary>
    public void SavePlot(string path, string? title = null, int width = 1000, int height = 420) =>
        HistoryPlot.Save(this, path, title, width, height);
}
