namespace Kelvin.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017; MIT licence): 28×28 grey-scale images of 10
/// kinds of clothing, read from the IDX files of Debian's <c>dataset-fashion-mnist</c> package
/// (installed under <see cref="DefaultDirectory"/>; the KELVIN_FASHION_MNIST environment variable
/// names another directory). Pixels are scaled to [0, 1].
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist puts the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The class names, in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The directory searched for the IDX files.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("KELVIN_FASHION_MNIST") is { Length: > 0 } env ? env : DefaultDirectory;

    /// <summary>The training (60 000 images) or test (10 000 images) part.</summary>
    public static Dataset Load(bool train = true)
    {
        string prefix = train ? "train" : "t10k";
        string images = Find($"{prefix}-images-idx3-ubyte");
        string labels = Find($"{prefix}-labels-idx1-ubyte");
        var (ishape, pixels) = IdxReader.Read(images);
        var (lshape, classes) = IdxReader.Read(labels);
        if (ishape.Length != 3 || lshape.Length != 1 || ishape[0] != lshape[0])
            throw new KelvinException($"{images}: shape [{string.Join(", ", ishape)}] does not match labels [{string.Join(", ", lshape)}]");
        int n = ishape[0], d = ishape[1] * ishape[2];
        var x = new float[pixels.Length];
        for (int i = 0; i < x.Length; i++) x[i] = pixels[i] / 255f;
        var y = classes.Select(b => (int)b).ToArray();
        var names = Enumerable.Range(0, d).Select(j => $"pixel_{j / ishape[2]}_{j % ishape[2]}").ToList();
        return Dataset.Classification(train ? "fashion-mnist" : "fashion-mnist-test", x, n, d, y, 10, names, ClassNames);
    }

    private static string Find(string stem)
    {
        foreach (string candidate in new[] { stem + ".gz", stem })
        {
            string path = Path.Combine(Directory, candidate);
            if (File.Exists(path)) return path;
        }
        throw new KelvinException($"Fashion-MNIST not found in {Directory}: install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist)");
    }
}
