namespace NetDsl.Runtime.Training;

/// <summary>
/// How one output of a network with several outputs is trained (<see cref="TrainerOptions.OutputLosses"/>): its weight
/// in the total loss and, when it differs from <see cref="TrainerOptions.Loss"/>, its own loss. GoogLeNet's auxiliary
/// classifiers weigh 0.3 (Szegedy et al. 2015): <c>["aux1"] = new(0.3), ["aux2"] = new(0.3)</c>.
/// </summary>
/// <param name="Weight">The factor of this output's loss in the total (0 leaves it out of training; it is still measured).</param>
/// <param name="Loss">This output's loss; null for <see cref="TrainerOptions.Loss"/>.</param>
public sealed record OutputLoss(double Weight, Loss? Loss = null);
