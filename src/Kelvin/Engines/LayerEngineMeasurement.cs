namespace Kelvin.Engines;

/// <summary>
/// The measured heat-engine balance of one hidden layer on evaluation data (docs/theory.md §7, "Measured
/// efficiency"): its pre-activations z = W_l a_{l−1} + b_l over every unit and evaluation row, and
/// a = φ_l(z), with moments accumulated in float64.
/// <para>The split is made per input, across the layer's units, as in mean-field theory (where a layer's
/// vector z(x) over its units is ~ N(0, q(x)) for random weights): for each row r, φ(z) is regressed on z
/// by least squares across units, E_j[φ²] = a₀,ᵣ² + a₁,ᵣ² + Wᵣ; then W_l, q_l are means over rows.
/// For zero-mean Gaussian z this is exactly the Hermite decomposition of <see cref="HermiteWork"/>;
/// see docs/engines.md, Decisions, for why per input rather than per unit.</para>
/// </summary>
/// <param name="Name">Layer name as `kelvin train` uses it: "dense1", "dense2", ….</param>
/// <param name="Activation">The layer's activation name.</param>
/// <param name="Q">Signal level q_l = E[z²] (mean over units and rows).</param>
/// <param name="A0">a₀ = E[φ(z)], the mean output (carries no signal).</param>
/// <param name="A1">a₁ = √(mean over rows of a₁,ᵣ²), a₁,ᵣ = Cov_j(z, φ(z)) / √Var_j(z) across units
/// (for zero-mean z, E[z·φ(z)]/√q, the Hermite coefficient); sign of the pooled covariance. a₁² is the
/// energy of the part of φ(z) linear in z.</param>
/// <param name="Work">W_l = mean over rows of Wᵣ = Var_j(φ) − a₁,ᵣ², the residual of the linear fit:
/// signal energy turned into non-linear features (≥ 0; exactly 0 for a linear activation). The output
/// energy splits as E[φ²] = mean_r a₀,ᵣ² + a₁² + W_l.</param>
/// <param name="EtaMeasured">η_measured = W_l / q_l.</param>
/// <param name="EtaMeanField">η_φ(q_l) = W(q_l)/q_l of <see cref="HermiteWork"/>: the prediction for
/// Gaussian pre-activations at the same signal level.</param>
/// <param name="ActivationType">The engine type of the activation, classified by measurement
/// (<see cref="EngineClassifier"/>).</param>
public sealed record LayerEngineMeasurement(
    string Name,
    string Activation,
    double Q,
    double A0,
    double A1,
    double Work,
    double EtaMeasured,
    double EtaMeanField,
    EngineType ActivationType)
{
    /// <summary>η_measured / η_mean-field − 1, the relative departure from the Gaussian prediction
    /// (null when the mean-field efficiency is 0, a pure conductor).</summary>
    public double? RelativeDeparture => EtaMeanField != 0 ? EtaMeasured / EtaMeanField - 1 : null;
}
