namespace Kelvin.Entropy;

/// <summary>
/// A one-dimensional differential entropy estimator h(sample) in nats (docs/theory.md §8). Estimators work
/// on a <see cref="SortedSample"/> so that one sort serves them all.
/// </summary>
public interface IEntropyEstimator
{
    /// <summary>The name used on the command line and in JSON: "gaussian", "vasicek", "ebrahimi", "knn", "histogram".</summary>
    string Name { get; }

    /// <summary>The entropy estimate of the sample, in nats; always finite.</summary>
    /// <exception cref="KelvinException">when the sample cannot give a finite estimate.</exception>
    double Estimate(SortedSample sample);
}
