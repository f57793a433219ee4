// A small vision transformer, declared in FashionVit.net and generated at build time, trained on Fashion-MNIST: the
// full set (60,000 training, 10,000 test images) from Debian's dataset-fashion-mnist when it is installed, else the
// 10,000 test images committed under data/fashion-mnist (8,000 to train, 2,000 held out).
using System;
using NetDsl.Examples.Vit;
using NetDsl.Runtime;
using NetDsl.Runtime.Data;

VitOptions options;
try
{
    options = VitOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"fashion-vit: {e.Message}");
    Console.Error.WriteLine(VitOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(VitOptions.Usage);
    return 0;
}

TorchNative.EnsureLoaded();
Console.WriteLine("The network, as the compiler checked it at build time:");
Console.WriteLine();
Console.WriteLine(FashionVit.Summary);
Console.WriteLine();
try
{
    VitTraining.Run(options, Console.Out);
}
catch (DataFormatException e)
{
    Console.Error.WriteLine($"fashion-vit: {e.Message}");
    return 1;
}
return 0;
