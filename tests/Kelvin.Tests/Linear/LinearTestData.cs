using Kelvin.Distributions;
using Kelvin.Linear;

namespace Kelvin.Tests.Linear;

internal static class LinearTestData
{
    public static Teacher Regression(int d = 3, int n = 2000, double noise = 0.5, ulong seed = 7, double condition = 1, NoiseLaw law = NoiseLaw.Gaussian) =>
        Teacher.Draw(new TeacherSpec(d, n, 1.0, noise, LinearTask.Regression, law, condition, seed));

    public static Teacher Classification(int d = 3, int n = 2000, double noise = 0.5, ulong seed = 7) =>
        Teacher.Draw(new TeacherSpec(d, n, 1.0, noise, LinearTask.Classification, NoiseLaw.Gaussian, 1, seed));

    public static IUnivariateDistribution Init(string name) => name switch
    {
        "normal" => new Normal(0, 0.5),
        "uniform" => Uniform.Symmetric(0.5 * Math.Sqrt(3)),
        _ => new Mixed(0.5, 0.5, 0.5 * Math.Sqrt(3)),
    };
}
