namespace CloudFoundry.Fake.Conformance;

/// <summary>
/// The outcome of one check: which rule it applied, where it looked (JSON pointer), what it found and, for failures,
/// the exchange that failed it.
/// </summary>
public sealed record CheckResult(string Scenario, string Step, string Rule, string Pointer, bool Passed, string Message, string? Exchange = null);
