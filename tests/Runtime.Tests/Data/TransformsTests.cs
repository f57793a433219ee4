using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Data;

[Collection(TorchRngCollection.Name)]
public sealed class TransformsTests
{
    [Fact]
    public void Normalize_PerChannel_AndForOneImage()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var batch = ones(2, 3, 2, 2);
        var normalized = Transforms.Normalize(new[] { 0f, 0.5f, 1f }, new[] { 1f, 0.5f, 2f })(batch);
        Assert.Equal(new[] { 1f, 1f, 0f }, normalized[0, .., 0, 0].data<float>().ToArray());
        Assert.Equal(new long[] { 3, 2, 2 }, Transforms.Normalize(0.5f, 0.5f)(ones(3, 2, 2)).shape);
    }

    [Fact]
    public void Geometry_Shapes()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var batch = rand(4, 1, 28, 28);
        Assert.Equal(new long[] { 4, 1, 14, 14 }, Transforms.Resize(14, 14)(batch).shape);
        Assert.Equal(new long[] { 4, 1, 20, 24 }, Transforms.CenterCrop(20, 24)(batch).shape);
        Assert.Equal(new long[] { 4, 1, 28, 28 }, Transforms.RandomCrop(28, 28, padding: 4)(batch).shape);
        Assert.Equal(new long[] { 1, 10, 10 }, Transforms.CenterCrop(10, 10)(rand(1, 28, 28)).shape);
        var centre = Transforms.CenterCrop(2, 2)(arange(16f).reshape(1, 1, 4, 4));
        Assert.Equal(new[] { 5f, 6f, 9f, 10f }, centre.reshape(-1).data<float>().ToArray());
    }

    [Fact]
    public void RandomFlip_FlipsSomeImages_ReproduciblyUnderASeed()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var batch = arange(64 * 3f).reshape(64, 1, 1, 3);
        Determinism.Seed(3);
        var first = Transforms.RandomHorizontalFlip()(batch);
        Determinism.Seed(3);
        var second = Transforms.RandomHorizontalFlip()(batch);
        Assert.True(first.eq(second).all().item<bool>());
        var flipped = first.ne(batch).any(3).sum().item<long>();
        Assert.InRange(flipped, 16, 48);
        Assert.True(Transforms.HorizontalFlip()(batch)[0, 0, 0].eq(tensor(new[] { 2f, 1f, 0f })).all().item<bool>());
    }
}
