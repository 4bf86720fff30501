using Kelvin.Reports;
using Kelvin.Thermodynamics;

namespace Kelvin.Run;

/// <summary>
/// Plain words for a temperature in its entropy view (docs/theory.md §2, §3), for the report's "what this
/// means". Two rules: the sign is explained by what widened or narrowed in that view, and temperatures
/// are ranked by β = 1/T, never by |T| — the smaller β is the hotter body, so every negative
/// temperature is hotter than every positive one, and of two negative temperatures the one nearer 0
/// (smaller |T|) is the hotter. A temperature whose sign is not resolved is said to be so, and is not ranked.
/// </summary>
public static class TemperatureLanguage
{
    /// <summary>What <paramref name="t"/> says: its sign in words, relative to <paramref name="reference"/>
    /// (e.g. "at initialization", "in the state trained on D1"), and whether the sign is resolved.</summary>
    public static string Meaning(TemperatureEstimate t, string reference)
    {
        string text = t.Temperature.Regime switch
        {
            Regime.Normal or Regime.Negative => Signed(t, reference),
            Regime.Isentropic => "isentropic: the loss changed while the entropy did not, pure work",
            Regime.PointState => "a point state: the weights have no spread on one side, T → 0",
            _ => "no transition: neither the loss nor the entropy changed",
        };
        return Unresolved(t) ? text + "; but its sign is not resolved (the 95% interval of ΔE or ΔS includes 0), so this reading is not established" : text;
    }

    /// <summary>True when <paramref name="t"/> has an uncertainty and its sign is not resolved.</summary>
    public static bool Unresolved(TemperatureEstimate t) => t.Temperature.IsFinite && t.Method != UncertaintyMethod.None && !t.SignResolved;

    /// <summary>
    /// Which of two temperatures is hotter, ranked by β = 1/T: "T_II is hotter than T_I" — or that
    /// they cannot be ranked (a degenerate T, a sign not resolved, or a difference within 2 SE).
    /// </summary>
    public static string Compare(TemperatureEstimate a, string aName, TemperatureEstimate b, string bName)
    {
        if (a.Temperature.Value is not double ta || b.Temperature.Value is not double tb)
            return $"{bName} cannot be ranked against {aName} as one of them is degenerate";
        if (Unresolved(a) || Unresolved(b))
            return $"{bName} cannot be ranked against {aName} as the sign of {(Unresolved(a) ? aName : bName)} is not resolved";
        double se = Math.Sqrt(Square(a.StandardError) + Square(b.StandardError));
        if (Math.Sign(ta) == Math.Sign(tb) && se > 0 && Math.Abs(ta - tb) <= 2 * se)
            return $"{bName} and {aName} agree within their standard errors";
        string hotter = 1 / tb < 1 / ta ? $"{bName} is hotter than {aName}" : $"{bName} is colder than {aName}";
        string why = Math.Sign(ta) != Math.Sign(tb)
            ? " (a negative temperature is hotter than any positive one)"
            : ta < 0 ? " (of two negative temperatures the one nearer 0 is the hotter)" : "";
        return hotter + why;
    }

    /// <summary>The hotter of two finite temperatures by β = 1/T (the smaller β).</summary>
    public static bool IsHotter(double t, double than) => 1 / t < 1 / than;

    private static string Signed(TemperatureEstimate t, string reference)
    {
        double dE = t.EnergyChange.Value, dS = t.EntropyChange.Value;
        string loss = dE < 0 ? "the loss fell" : "the loss rose";
        string spread = dS > 0 ? Wider(t.View, reference) : Narrower(t.View, reference);
        string sign = t.Temperature.Regime == Regime.Negative ? "negative" : "positive";
        return $"{sign}: {loss} while {spread}";
    }

    private static string Wider(EntropyView view, string reference) => view switch
    {
        EntropyView.Ensemble => $"the independently trained members disagree more, weight by weight, than {reference}",
        EntropyView.Thermal => $"each run's SGD cloud around the minimum it reached is wider than the spread of the weights {reference}",
        _ => $"the weight values inside each model are spread wider than {reference}",
    };

    private static string Narrower(EntropyView view, string reference) => view switch
    {
        EntropyView.Ensemble => $"the independently trained members agree more closely, weight by weight, than {reference}",
        EntropyView.Thermal => $"each run's SGD cloud around the minimum it reached is narrower than the spread of the weights {reference}",
        _ => $"the weight values inside each model drew in, narrower than {reference}",
    };

    /// <summary>One sentence on what a temperature's sign speaks of in <paramref name="view"/> (docs/theory.md §2).</summary>
    public static string ViewSentence(EntropyView view) => view switch
    {
        EntropyView.Ensemble => "In the ensemble view a temperature's sign says whether independently trained members ended up agreeing more (T > 0 when the loss fell) or less (T < 0) than they started: it speaks of the training noise and the landscape.",
        EntropyView.Thermal => "In the thermal view a temperature's sign says whether each run's SGD cloud around its minimum is narrower (T > 0 when the loss fell) or wider (T < 0) than the initial spread: the measurable analogue of the SGD temperature.",
        _ => "In the particle view a temperature's sign says whether the trained weights are spread wider than at initialization (T < 0 when the loss fell) or drew in (T > 0): it speaks of the solution's weight distribution against the initialization's, not of training noise.",
    };

    private static double Square(double? x) => x is double v ? v * v : 0;

    /// <summary>"T ± SE (sign not resolved)" as the tables print it.</summary>
    public static string Value(TemperatureEstimate t) => ReportFormat.Temperature(t);
}
