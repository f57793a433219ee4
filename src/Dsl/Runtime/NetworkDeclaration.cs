using System.Collections.Generic;

namespace NetDsl;

/// <summary>
/// What a generated network instance was made from: the declaration of network <see cref="Name"/> and of every block it
/// reaches, as canonical <c>.net</c> text (printed from the syntax tree, so a <c>[Network]</c> class has one too), and the
/// arguments the instance was constructed with, every parameter's (defaults included), in declared order.
/// <c>NetDsl.Compiler.DeclaredNetworks.Check</c> re-checks it and gives the instance's evaluated network: its layers,
/// shapes and IR, for the arguments it really has (the ONNX export reads it).
/// </summary>
public sealed record NetworkDeclaration(string Name, string Text, IReadOnlyList<DeclarationArgument> Arguments);
