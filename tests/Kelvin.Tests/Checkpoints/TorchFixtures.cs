using Kelvin.Checkpoints;

namespace Kelvin.Tests.Checkpoints;

/// <summary>The committed PyTorch fixtures of tests/fixtures/torch (made by scripts/make-torch-fixtures.sh):
/// a CNN (conv, BatchNorm, linear) on 2000 Fashion-MNIST images, at init and after 90 SGD steps.</summary>
internal static class TorchFixtures
{
    public static string Directory { get; } = Path.Combine(Path.GetDirectoryName(CheckpointFixtures.Directory)!, "torch");

    /// <summary>PyTorch's mean cross-entropy, MSE and MAE (logits vs one-hot) on eval-x/eval-y (energies.json).</summary>
    public const double CeInit = 2.311577712672063, CeTrained = 0.8293476857025687;
    public const double MseInit = 0.10338666606011461, MseTrained = 12.5399277450887;
    /// <summary>The small transformer's mean cross-entropy on tiny-transformer-data.npz (energies.json "transformer").</summary>
    public const double TransformerInit = 1.2367095052110912, TransformerTrained = 0.008515370232259935;
    /// <summary>The tied-embedding model's mean cross-entropy on tied-lm-data.npz (energies.json "tied_lm").</summary>
    public const double TiedInit = 2.826113394077931, TiedTrained = 2.2900197607064436;
    public const double MaeInit = 0.15077503871684894, MaeTrained = 2.827259617064614;

    public static readonly string[] Weights = ["conv1.weight", "conv2.weight", "fc.weight"];

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static CheckpointFile Open(string file) => CheckpointFile.Open(PathOf(file));
}
