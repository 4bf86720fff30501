namespace Kelvin.Energy;

internal static class EnergyChecks
{
    public static void SameLength(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target)
    {
        if (prediction.Length != target.Length || prediction.IsEmpty)
            throw new ArgumentException($"prediction has {prediction.Length} outputs but target has {target.Length}");
    }

    public static void SameLength(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient)
    {
        SameLength(prediction, target);
        if (gradient.Length != prediction.Length)
            throw new ArgumentException($"gradient has {gradient.Length} entries for {prediction.Length} outputs");
    }
}
