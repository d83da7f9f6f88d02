namespace Opto.TorchSharp;

/// <summary>Reported after every epoch of a training run.</summary>
/// <param name="Epoch">The epoch just finished, from 1.</param>
/// <param name="Epochs">The epochs planned.</param>
/// <param name="TrainLoss">The mean training loss over the epoch's batches.</param>
/// <param name="ValidationLoss">The mean loss on the validation data after the epoch.</param>
/// <param name="ValidationAccuracy">The share of validation examples classified correctly after the epoch.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="LiveTensors">TorchSharp tensors alive in the process at the end of the epoch; flat across epochs
/// when every step frees what it made.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAccuracy,
    TimeSpan Elapsed,
    long LiveTensors);
