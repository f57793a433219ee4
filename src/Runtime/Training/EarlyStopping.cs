using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Reporting;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Ends the fit when the monitored value has not improved (by more than <c>minDelta</c>) for <see cref="Patience"/>
/// epochs. Its count comes from the history, so it carries over a resume. With <c>restoreBestWeights</c> the fit
/// ends with the weights of the best epoch, whether it stopped early or ran to the end (a CPU copy of the model's
/// state is kept from that epoch on).
/// </summary>
public sealed class EarlyStopping : TrainingCallback
{
    private readonly Monitor _monitor;
    private Dictionary<string, torch.Tensor>? _bestState;

    public EarlyStopping(string monitor = "val_loss", int patience = 5, MonitorMode mode = MonitorMode.Auto, double minDelta = 0,
        bool restoreBestWeights = false)
    {
        if (patience < 1)
            throw new ArgumentOutOfRangeException(nameof(patience), "patience is at least 1 epoch");
        _monitor = new Monitor(monitor, mode, minDelta);
        Patience = patience;
        RestoreBestWeights = restoreBestWeights;
    }

    public int Patience { get; }

    public bool RestoreBestWeights { get; }

    /// <summary>The epoch after which the fit was stopped (0 if it was not).</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The epoch whose weights the model holds after the fit, when they were restored (0 if they were not).</summary>
    public int RestoredEpoch { get; private set; }

    private int _bestStateEpoch;

    public override void OnFitStart(TrainingContext context)
    {
        _monitor.Resolve(context.Trainer.Options.Metrics);
        (StoppedEpoch, RestoredEpoch, _bestStateEpoch) = (0, 0, 0);
        DropState();
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        var best = _monitor.Best(context.History.Epochs);
        if (RestoreBestWeights && best.Epoch == record.Epoch)
            KeepState(context.Model, record.Epoch);
        if (best.Epoch == 0 || record.Epoch - best.Epoch < Patience)
            return;
        StoppedEpoch = record.Epoch;
        context.RequestStop($"early stopping: {_monitor.Name} has not improved for {record.Epoch - best.Epoch} epochs (best {Monitor.Format(best.Value)} at epoch {best.Epoch})");
    }

    public override void OnFitEnd(TrainingContext context)
    {
        if (!RestoreBestWeights || context.History.Count == 0)
            return;
        var best = _monitor.Best(context.History.Epochs);
        var last = context.History.Last!.Epoch;
        if (best.Epoch == 0 || best.Epoch == last)
            return;
        if (_bestStateEpoch != best.Epoch)
        {
            // The best epoch was trained before this fit resumed; its weights were never in this process.
            context.Log($"early stopping: the best {_monitor.Name} was at epoch {best.Epoch}, before this fit resumed, so its weights are not at hand; the model keeps epoch {last}'s (BestCheckpoint keeps the best across resumes)");
            return;
        }
        using (torch.no_grad())
        {
            foreach (var (name, value) in context.Model.state_dict())
                value.copy_(_bestState![name]);
        }
        RestoredEpoch = best.Epoch;
        context.Log($"early stopping: restored the weights of epoch {best.Epoch} ({_monitor.Name} {Monitor.Format(best.Value)})");
        DropState();
    }

    private void KeepState(torch.nn.Module model, int epoch)
    {
        DropState();
        using var scope = torch.NewDisposeScope();
        _bestState = model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().cpu().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        _bestStateEpoch = epoch;
    }

    private void DropState()
    {
        if (_bestState is null)
            return;
        foreach (var tensor in _bestState.Values)
            tensor.Dispose();
        _bestState = null;
    }
}
