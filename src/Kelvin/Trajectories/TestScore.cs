using Kelvin.Data;
using Kelvin.Networks;

namespace Kelvin.Trajectories;

/// <summary>
/// How well trained networks do on held-out data: for classification the accuracy (fraction of samples
/// whose largest output is the true class; for one output, the sign against the label), for
/// regression R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)² over all outputs. An ensemble reports its members' mean.
/// </summary>
public static class TestScore
{
    /// <summary>The score's name: "accuracy" or "r2".</summary>
    public static string Name(TaskKind task) => task == TaskKind.Classification ? "accuracy" : "r2";

    /// <summary>The members' mean score on <paramref name="test"/>.</summary>
    public static double Of(IReadOnlyList<Mlp> members, Dataset test) => members.Average(m => Of(m, test));

    /// <summary>One network's score on <paramref name="test"/>.</summary>
    public static double Of(Mlp network, Dataset test)
    {
        var y = network.Predict(test);
        int c = test.Outputs;
        if (test.Task == TaskKind.Classification)
        {
            int correct = 0;
            for (int i = 0; i < test.Count; i++)
            {
                int best = 0;
                if (c == 1) best = y[i] > 0 ? 1 : 0;
                else for (int k = 1; k < c; k++) if (y[i * c + k] > y[i * c + best]) best = k;
                if (best == test.Labels![i]) correct++;
            }
            return (double)correct / test.Count;
        }
        double ssRes = 0, ssTot = 0;
        for (int k = 0; k < c; k++)
        {
            double mean = 0;
            for (int i = 0; i < test.Count; i++) mean += test.Targets[i * c + k];
            mean /= test.Count;
            for (int i = 0; i < test.Count; i++)
            {
                double e = y[i * c + k] - test.Targets[i * c + k], d = test.Targets[i * c + k] - mean;
                ssRes += e * e; ssTot += d * d;
            }
        }
        return ssTot > 0 ? 1 - ssRes / ssTot : 0;
    }
}
