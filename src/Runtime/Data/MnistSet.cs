namespace NetDsl.Runtime.Data;

/// <summary>Which of the two sets of a MNIST-family folder: the training set or the test set (file prefix t10k).</summary>
public enum MnistSet
{
    Train,
    Test,
}
