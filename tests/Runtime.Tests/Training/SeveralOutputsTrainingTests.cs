using System;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Inference;
using NetDsl.Runtime.Outputs;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

/// <summary>
/// Networks with several outputs (Networks/Outputs.net): the module returns a record, with an auxiliary output only
/// while training; the trainer trains every output with its loss and weight, records each output's loss and metrics,
/// and evaluation and Predict use the main output.
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class SeveralOutputsTrainingTests
{
    private static TrainerOptions Options(OptimizerFactory optimizer, params (string Name, OutputLoss Loss)[] outputs) => new()
    {
        Epochs = 1,
        BatchSize = 32,
        Seed = 5,
        Optimizer = optimizer,
        Device = CPU,
        Progress = TrainingProgress.Silent,
        OutputLosses = outputs.ToDictionary(o => o.Name, o => o.Loss),
    };

    /// <summary>Mean cross-entropy of an output over a whole dataset, the model in training mode (it has no dropout).</summary>
    private static double MeanCrossEntropy(AuxClassifier model, TensorDataset data, bool aux)
    {
        using var scope = NewDisposeScope();
        using var batch = data.GetBatch(Enumerable.Range(0, (int)data.Count).Select(i => (long)i).ToArray());
        model.train();
        using var noGrad = no_grad();
        var outputs = model.call(batch.Inputs);
        return nn.functional.cross_entropy(aux ? outputs.Aux! : outputs.Logits, batch.Targets).item<float>();
    }

    [Fact]
    public void The_module_returns_every_output_while_training_and_the_main_one_only_in_evaluation()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Determinism.Seed(1);
        var model = new AuxClassifier();
        var x = randn(4, 2);

        model.train();
        var training = model.call(x);
        model.eval();
        var evaluation = model.call(x);

        Assert.Equal(new long[] { 4, 3 }, training.Logits.shape);
        Assert.Equal(new long[] { 4, 3 }, training.Aux!.shape);
        Assert.Null(evaluation.Aux);
        Assert.True(training.Logits.allclose(evaluation.Logits));
        Assert.Equal(new[] { "logits", "aux" }, model.Outputs.Select(o => o.Name));
        Assert.Equal(new[] { false, true }, model.Outputs.Select(o => o.WhileTraining));
        Assert.All(model.Outputs, o => Assert.Equal(new Shape(3), o.Shape));
        Assert.Equal(new[] { true, false }, model.CallOutputs(x).Select(o => o is not null));
        Assert.Equal(new[] { "hidden.weight", "hidden.bias", "aux.weight", "aux.bias", "head.weight", "head.bias" }, model.state_dict().Keys);
    }

    [Fact]
    public void Each_outputs_loss_counts_with_its_weight_and_is_recorded()
    {
        using var train = Blobs(40, seed: 1);
        Determinism.Seed(2);
        var model = new AuxClassifier();
        var expectedMain = MeanCrossEntropy(model, train, aux: false);
        var expectedAux = MeanCrossEntropy(model, train, aux: true);

        // A learning rate of 0 keeps the weights: the epoch's values are the dataset's losses at these weights.
        var trainer = new Trainer(model, Options(Optimizers.Sgd(0), ("aux", new OutputLoss(0.3))));
        var record = trainer.Fit(train, train).Last!;

        Assert.Equal(expectedMain, record["logits_loss"], 5);
        Assert.Equal(expectedAux, record["aux_loss"], 5);
        Assert.Equal(expectedMain + 0.3 * expectedAux, record["loss"], 5);
        Assert.True(record.TryGet("aux_accuracy", out _));
        // Evaluation: the main output only (the auxiliary head does not run).
        Assert.Equal(expectedMain, record["val_loss"], 5);
        Assert.False(record.TryGet("val_aux_loss", out _));
        Assert.False(record.TryGet("val_aux_accuracy", out _));
        Assert.Equal(expectedMain, record["val_logits_loss"], 5);
        Assert.Equal(new[] { "accuracy", "logits_loss", "loss" }, trainer.Evaluate(train).Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void An_output_of_weight_0_is_measured_but_not_trained()
    {
        using var train = Blobs(40, seed: 1);
        Determinism.Seed(3);
        var model = new AuxClassifier();
        var before = model.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());

        var record = new Trainer(model, Options(Optimizers.Sgd(0.1), ("aux", new OutputLoss(0)))).Fit(train).Last!;

        var after = model.state_dict();
        Assert.True(after["aux.weight"].eq(before["aux.weight"]).all().item<bool>());
        Assert.True(after["aux.bias"].eq(before["aux.bias"]).all().item<bool>());
        Assert.False(after["head.weight"].eq(before["head.weight"]).all().item<bool>());
        Assert.False(after["hidden.weight"].eq(before["hidden.weight"]).all().item<bool>());
        Assert.True(record.TryGet("aux_loss", out var auxLoss) && double.IsFinite(auxLoss));
    }

    [Fact]
    public void Auxiliary_heads_help_train_the_shared_layers()
    {
        using var train = Blobs(60, seed: 4);
        using var validation = Blobs(30, seed: 5);
        Determinism.Seed(6);
        var model = new AuxClassifier();
        var history = new Trainer(model, new TrainerOptions
        {
            Epochs = 8, BatchSize = 16, Seed = 5, Optimizer = Optimizers.Adam(0.02), Device = CPU, Progress = TrainingProgress.Silent,
            OutputLosses = new System.Collections.Generic.Dictionary<string, OutputLoss> { ["aux"] = new(0.3) },
        }).Fit(train, validation);

        Assert.True(history.Last!["val_accuracy"] > 0.9, $"validation accuracy {history.Last!["val_accuracy"]}");
        Assert.True(history.Last!["aux_accuracy"] > 0.9, $"auxiliary accuracy {history.Last!["aux_accuracy"]}");
        Assert.True(history.Last!["aux_loss"] < history.Epochs[0]["aux_loss"]);
    }

    [Fact]
    public void Outputs_the_network_does_not_have_and_bad_weights_are_refused()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new Trainer(new AuxClassifier(), Options(Optimizers.Sgd(0.1), ("aux1", new OutputLoss(0.3)))));
        Assert.StartsWith("TrainerOptions.OutputLosses names 'aux1', which AuxClassifier does not return; its outputs are logits, aux", unknown.Message);

        var negative = Assert.Throws<ArgumentException>(() => new Trainer(new AuxClassifier(), Options(Optimizers.Sgd(0.1), ("aux", new OutputLoss(-1)))));
        Assert.StartsWith("TrainerOptions.OutputLosses gives output 'aux' the weight -1; a weight is a finite number, 0 or more", negative.Message);
    }

    [Fact]
    public void A_loss_that_does_not_fit_an_output_is_refused_naming_the_output()
    {
        var error = Assert.Throws<ArgumentException>(() => new Trainer(new SoftmaxAux(),
            Options(Optimizers.Sgd(0.1), ("aux", new OutputLoss(1, Losses.BinaryCrossEntropy())))));

        Assert.StartsWith("SoftmaxAux's output 'aux' ends in softmax (class probabilities), which Losses.BinaryCrossEntropy() cannot train on", error.Message);
        Assert.Equal(OutputKind.Probabilities, new Trainer(new SoftmaxAux(), Options(Optimizers.Sgd(0.1))).Outputs[1].Kind);
    }

    [Fact]
    public void Predict_uses_the_main_output()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Determinism.Seed(7);
        var model = new AuxClassifier();
        var x = randn(5, 2);
        model.eval();
        var logits = model.call(x).Logits;

        var prediction = model.Predict(x);

        Assert.True(model.PredictOutputs(x).allclose(logits));
        Assert.Equal(logits.argmax(1).data<long>().ToArray(), prediction.Classes);
        Assert.Equal(OutputKind.Logits, ModelOutput.Of(model).Kind);
        Assert.Equal(new[] { "logits", "aux" }, ModelOutput.All(model).Select(o => o.Name));
    }

    [Fact]
    public void An_output_that_always_exists_is_evaluated_too()
    {
        using var train = Blobs(20, seed: 1);
        Determinism.Seed(8);
        var trainer = new Trainer(new TwoTasks(), Options(Optimizers.Sgd(0.05), ("other", new OutputLoss(0.5))));

        var values = trainer.Evaluate(train);

        Assert.Equal(new[] { "accuracy", "logits_loss", "loss", "other_accuracy", "other_loss" }, values.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(values["logits_loss"] + 0.5 * values["other_loss"], values["loss"], 5);
    }

    [Fact]
    public void The_example_with_two_heads_runs_its_auxiliary_head_only_while_training()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        foreach (var model in new nn.Module[] { new NetDsl.Examples.TwoHeads(), new NetDsl.Examples.Attributes.TwoHeads() })
        {
            var ran = 0;
            var aux = (nn.Module<Tensor, Tensor>)model.named_modules().Single(m => m.name == "aux").module;
            var hook = aux.register_forward_hook((_, _, output) =>
            {
                ran++;
                return output;
            });
            var x = randn(2, 1, 28, 28);
            var call = ModelCalls.For(model);

            model.train();
            var training = call(x);
            model.eval();
            var evaluation = call(x);
            hook.remove();

            Assert.Equal(1, ran);
            Assert.Equal(new long[] { 2, 10 }, training[1]!.shape);
            Assert.Null(evaluation[1]);
            Assert.Equal(new long[] { 2, 10 }, evaluation[0]!.shape);
            Assert.Equal(((INetwork)model).Outputs.Select(o => o.Shape), new[] { new Shape(10), new Shape(10) });
        }
    }
}
