using System;
using System.Collections.Generic;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>What a checkpoint says about itself (see <see cref="Checkpoint.ReadInfo"/>).</summary>
public sealed record CheckpointInfo(
    string Path,
    int Epoch,
    TrainingHistory History,
    string ModelType,
    string? OptimizerType,
    long? Seed,
    IReadOnlyList<string> Frozen,
    DateTime SavedUtc);
