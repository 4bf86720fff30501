namespace Kelvin.Entropy;

/// <summary>
/// S = Σ_{i=0}^{n−1} ln aᵢ, added in index order — bit-identical to the sequential loop — with the
/// logarithms of each block of 2¹⁸ terms evaluated in parallel first (the logarithm, not the
/// addition, is the cost). Short sums run sequentially.
/// </summary>
internal static class OrderedLogSum
{
    private const int Block = 1 << 18, Piece = 1 << 14;

    /// <summary>Σᵢ ln(<paramref name="argument"/>(i)) for i = 0..n−1, in order.</summary>
    public static double Of(int n, Func<int, double> argument)
    {
        double sum = 0;
        if (n < 2 * Piece || Environment.ProcessorCount == 1)
        {
            for (int i = 0; i < n; i++) sum += Math.Log(argument(i));
            return sum;
        }
        var logs = new double[Math.Min(n, Block)];
        for (int start = 0; start < n; start += Block)
        {
            int length = Math.Min(Block, n - start);
            int pieces = (length + Piece - 1) / Piece;
            Parallel.For(0, pieces, p =>
            {
                int from = p * Piece, to = Math.Min(length, from + Piece);
                for (int j = from; j < to; j++) logs[j] = Math.Log(argument(start + j));
            });
            for (int j = 0; j < length; j++) sum += logs[j];
        }
        return sum;
    }
}
