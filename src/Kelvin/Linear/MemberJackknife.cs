namespace Kelvin.Linear;

/// <summary>
/// A simulated quantity over K ensemble members: its full-ensemble value and its K delete-one-member
/// values θ₋ₖ, from which the jackknife SE = √((K−1)/K · Σ(θ₋ₖ − θ̄)²) follows (for a mean of
/// per-member values it is the usual √(var/K)). Keeping θ₋ₖ lets a ratio such as T = ΔE/ΔS get its own
/// jackknife SE, with the correlation of ΔE and ΔS (they come from the same members) accounted for.
/// </summary>
/// <param name="Value">θ from all K members.</param>
/// <param name="LeaveOneOut">θ₋ₖ, k = 0..K−1.</param>
public sealed record MemberJackknife(double Value, double[] LeaveOneOut)
{
    /// <summary>θ with its jackknife SE.</summary>
    public Estimate Estimate => Estimate.Jackknife(Value, LeaveOneOut);

    /// <summary>The mean of per-member values and its delete-one means.</summary>
    public static MemberJackknife Mean(ReadOnlySpan<double> values)
    {
        int k = values.Length;
        double sum = 0;
        foreach (double v in values) sum += v;
        var loo = new double[k];
        for (int m = 0; m < k; m++) loo[m] = (sum - values[m]) / (k - 1);
        return new MemberJackknife(sum / k, loo);
    }

    /// <summary>This minus <paramref name="other"/>, member by member (e.g. ΔE = E* − E_I).</summary>
    public MemberJackknife Minus(MemberJackknife other) =>
        new(Value - other.Value, LeaveOneOut.Zip(other.LeaveOneOut, (a, b) => a - b).ToArray());
}
