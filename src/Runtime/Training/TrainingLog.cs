using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>Rewrites the history as CSV and/or JSON, and the curves as a PNG, after every epoch (each file atomically).</summary>
public sealed class TrainingLog : TrainingCallback
{
    public TrainingLog(string? csvPath = null, string? jsonPath = null, string? plotPath = null, string? plotTitle = null)
    {
        CsvPath = csvPath;
        JsonPath = jsonPath;
        PlotPath = plotPath;
        PlotTitle = plotTitle;
    }

    public string? CsvPath { get; }

    public string? JsonPath { get; }

    public string? PlotPath { get; }

    public string? PlotTitle { get; }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (CsvPath is not null)
            context.History.SaveCsv(CsvPath);
        if (JsonPath is not null)
            context.History.SaveJson(JsonPath);
        if (PlotPath is not null)
            context.History.SavePlot(PlotPath, PlotTitle);
    }
}
