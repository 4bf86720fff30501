namespace Kelvin.Entropy;

/// <summary>One term aᵢ of a sum of logarithms Σᵢ ln aᵢ (a struct, so the sum's loop inlines it).</summary>
internal interface ILogTerm
{
    /// <summary>aᵢ for 0-based i.</summary>
    double At(int i);
}

/// <summary>
/// S = Σ_{i=0}^{n−1} ln aᵢ, added in index order — bit-identical to the sequential loop — with the
/// logarithms of each block of 2¹⁸ terms evaluated in parallel first (the logarithm, not the
/// addition, is the cost). Short sums run sequentially.
/// </summary>
internal static class OrderedLogSum
{
    private const int Block = 1 << 18, Piece = 1 << 14;

    /// <summary>Σᵢ ln(<paramref name="argument"/>(i)) for i = 0..n−1, in order.</summary>
    public static double Of(int n, Func<int, double> argument) => Of(n, new FunctionTerm(argument));

    /// <summary>Σᵢ ln(<paramref name="term"/>.At(i)) for i = 0..n−1, in order.</summary>
    public static double Of<TTerm>(int n, TTerm term) where TTerm : struct, ILogTerm
    {
        double sum = 0;
        if (n < 2 * Piece || Environment.ProcessorCount == 1)
        {
            for (int i = 0; i < n; i++) sum += Math.Log(term.At(i));
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
                for (int j = from; j < to; j++) logs[j] = Math.Log(term.At(start + j));
            });
            for (int j = 0; j < length; j++) sum += logs[j];
        }
        return sum;
    }

    private readonly struct FunctionTerm(Func<int, double> argument) : ILogTerm
    {
        public double At(int i) => argument(i);
    }
}
