using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kelvin.Thermodynamics;

namespace Kelvin.Studies;

/// <summary>
/// Everything one study cell trains with, besides its seed: the data (dataset, label noise p, the
/// fraction f of the training split kept), the network (hidden width and depth, activation, the
/// initialization's scale g relative to the activation's standard scale), the optimizer (SGD
/// learning rate η, batch size B, epochs per phase), the shift of the refresh and the entropy view.
/// The canonical JSON (<see cref="CanonicalJson"/>) names the settings exactly; a cell's key hashes it.
/// </summary>
/// <param name="Dataset">a bundled dataset name (data/PROVENANCE.md) or a CSV path.</param>
/// <param name="LabelNoise">p: each training label is replaced, with probability p, by one of the other classes drawn uniformly (the test split stays clean).</param>
/// <param name="TrainFraction">f in (0, 1]: the training split is cut to round(f·n) samples by a seeded draw.</param>
/// <param name="Width">hidden units per hidden layer.</param>
/// <param name="Depth">hidden layers.</param>
/// <param name="Activation">the hidden activation (relu, tanh, …).</param>
/// <param name="InitScale">g: weights start from the activation's standard initialization (He for relu, Xavier otherwise) with its standard deviation times g.</param>
/// <param name="LearningRate">SGD η.</param>
/// <param name="Batch">minibatch size B.</param>
/// <param name="Epochs">passes over the training data, for the training and again for the refresh.</param>
/// <param name="Members">ensemble members K trained per cell.</param>
/// <param name="CheckpointEvery">a checkpoint every k optimizer steps.</param>
/// <param name="EvaluationSize">cap on the fixed evaluation set of the energy.</param>
/// <param name="Shift">the data shift of the refresh (covariate, label, concept, noise).</param>
/// <param name="ShiftSize">its size X (null: the shift's default).</param>
/// <param name="View">the entropy view of ΔS (docs/thermodynamics.md): "particle", "ensemble" (needs
/// <paramref name="Members"/> ≥ 4) or "thermal" (the trained state is each member's last 5 checkpoints, so
/// a phase needs at least 6).</param>
public sealed record StudySettings(
    string Dataset = "digits",
    double LabelNoise = 0,
    double TrainFraction = 1,
    int Width = 32,
    int Depth = 2,
    string Activation = "relu",
    double InitScale = 1,
    double LearningRate = 0.05,
    int Batch = 32,
    int Epochs = 5,
    int Members = 1,
    int CheckpointEvery = 10,
    int EvaluationSize = 512,
    string Shift = "covariate",
    double? ShiftSize = null,
    string View = "particle")
{
    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        WriteIndented = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The settings as one line of JSON, properties in declaration order, numbers in their
    /// shortest round-trip form: equal settings give equal text on every machine.</summary>
    public string CanonicalJson() => JsonSerializer.Serialize(this, Canonical);

    /// <summary>Reads settings written by <see cref="CanonicalJson"/> (or any subset of its properties).</summary>
    /// <exception cref="KelvinException">for an unknown property or a value of the wrong type.</exception>
    public static StudySettings FromJson(JsonElement json)
    {
        try { return json.Deserialize<StudySettings>(Canonical) ?? throw new KelvinException("study settings: not an object"); }
        catch (JsonException e) { throw new KelvinException($"study settings: {e.Message}"); }
    }

    /// <summary>Checks every value's range (a one-line <see cref="KelvinException"/> otherwise).</summary>
    public StudySettings Validated()
    {
        if (!(LabelNoise >= 0 && LabelNoise < 1)) throw new KelvinException($"label_noise must lie in [0, 1) (got {Num(LabelNoise)})");
        if (!(TrainFraction > 0 && TrainFraction <= 1)) throw new KelvinException($"train_fraction must lie in (0, 1] (got {Num(TrainFraction)})");
        if (Width < 1 || Depth < 1) throw new KelvinException($"width and depth must be at least 1 (got {Width}, {Depth})");
        if (!(InitScale > 0 && double.IsFinite(InitScale))) throw new KelvinException($"init_scale must be positive (got {Num(InitScale)})");
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) throw new KelvinException($"learning_rate must be positive (got {Num(LearningRate)})");
        if (Batch < 1 || Epochs < 1 || Members < 1 || CheckpointEvery < 1 || EvaluationSize < 1)
            throw new KelvinException("batch, epochs, members, checkpoint_every and evaluation_size must be at least 1");
        if (ShiftSize is double x && !(x >= 0 && double.IsFinite(x))) throw new KelvinException($"shift_size must be ≥ 0 (got {Num(x)})");
        var view = EntropyView;
        if (view == Thermodynamics.EntropyView.Ensemble && Members < EntropyViews.MinimumNetworkEnsembleMembers)
            throw new KelvinException($"view ensemble needs members ≥ {EntropyViews.MinimumNetworkEnsembleMembers} (got {Members})");
        return this;
    }

    /// <summary><see cref="View"/> parsed: particle, ensemble or thermal (a one-line <see cref="KelvinException"/> otherwise).</summary>
    [JsonIgnore]
    public EntropyView EntropyView => EntropyViews.Parse(View) is var v && v is Thermodynamics.EntropyView.Particle or Thermodynamics.EntropyView.Ensemble or Thermodynamics.EntropyView.Thermal
        ? v : throw new KelvinException($"view '{View}': a study cell is read in the particle, ensemble or thermal view");

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
