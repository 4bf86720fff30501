using System.CommandLine;
using Kelvin.Checkpoints.Models;
using Kelvin.Energy;

namespace Kelvin.Cli.Rendering;

/// <summary>The options that measure energies with a user's ONNX model (`compare`, `trajectory`):
/// --model, --data, --target, --loss.</summary>
internal sealed class ModelOptions
{
    public Option<string?> Model { get; } = new("--model") { Description = "ONNX model of the checkpoints: their weights are substituted by initializer name to compute E = loss on --data" };
    public Option<string?> Data { get; } = new("--data") { Description = "data for the energies: X.npy (with --target Y.npy), D.npz (arrays x and y) or D.csv (with --target COLUMN)" };
    public Option<string?> Target { get; } = new("--target") { Description = "targets: Y.npy, the .npz array name (default y) or the CSV column" };
    public Option<string> Loss { get; } = new("--loss") { Description = "energy form: ce (cross-entropy on logits), mse or mae (summed over outputs)", DefaultValueFactory = _ => "ce" };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Data);
        command.Options.Add(Target);
        command.Options.Add(Loss);
    }

    /// <summary>The model and its energy on the data, or null without --model (then --data is refused,
    /// unless <paramref name="dataWithoutModel"/>: `compare` of two Kelvin networks takes --data as the CSV they were trained on).</summary>
    public (OnnxModel Model, ModelEnergy Energy)? Open(ParseResult parse, bool dataWithoutModel = false)
    {
        string? model = parse.GetValue(Model), data = parse.GetValue(Data);
        if (model is null)
        {
            if (dataWithoutModel && parse.GetValue(Target) is null) return null;
            if (data is not null || parse.GetValue(Target) is not null) throw new KelvinException("--data and --target need --model (the ONNX model the energies are computed with)");
            return null;
        }
        if (data is null) throw new KelvinException("--model needs --data (and --target): the samples the energy is measured on");
        var loss = EnergyForms.Parse(parse.GetValue(Loss)!);
        var evaluation = EvaluationData.Load(data, parse.GetValue(Target));
        var onnx = new OnnxModel(model);
        try { return (onnx, new ModelEnergy(onnx, evaluation, loss)); }
        catch { onnx.Dispose(); throw; }
    }
}
