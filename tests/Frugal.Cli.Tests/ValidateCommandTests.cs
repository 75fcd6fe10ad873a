namespace Frugal.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("frugal-validate-").FullName;
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose()
    {
        stdout.Dispose();
        stderr.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Validate_SamplePolicy_PrintsTheSummaryAndExitsZero()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "frugal.yaml");

        var exitCode = await FrugalCommandLine.InvokeAsync(["validate", "--policy", sample], stdout, stderr);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal($"{sample}: OK, 3 budgets, 10 thresholds, 3 channels", stdout.ToString().TrimEnd());
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public async Task Validate_PolicyWithSeveralProblems_PrintsEveryOneAsFileLineColumnAndExitsTwo()
    {
        var path = Write("policy.yaml", """
            budgets:
              - name: ml
                amount: -100
                currency: USD
                timeZone: Pacific Standard Time
                thresholdz: []
            """);

        var exitCode = await FrugalCommandLine.InvokeAsync(["validate", "--policy", path], stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Empty(stdout.ToString());
        Assert.Equal(
            [
                $"{path}:2:5: budget 'ml' is missing 'thresholds'",
                $"{path}:3:13: 'amount' must be greater than 0, got -100",
                $"{path}:5:15: 'Pacific Standard Time' is a Windows time zone id; IANA ids are required: "
                    + "write 'America/Los_Angeles'",
                $"{path}:6:5: unknown key 'thresholdz'; did you mean 'thresholds'?",
            ],
            Lines(stderr));
    }

    [Fact]
    public async Task Validate_MissingFile_OneLineAndExitsTwo()
    {
        var path = Path.Combine(folder, "missing.yaml");

        var exitCode = await FrugalCommandLine.InvokeAsync(["validate", "--policy", path], stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal([$"{path}: policy file not found (looked for {path})"], Lines(stderr));
    }

    [Fact]
    public async Task Validate_NotYaml_OneLineWithPositionAndExitsTwo()
    {
        var path = Write("notes.yaml", "budgets:\n\t- name: ml\n");

        var exitCode = await FrugalCommandLine.InvokeAsync(["validate", "--policy", path], stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal([$"{path}:2:1: tab in indentation: YAML indents with spaces only"], Lines(stderr));
    }

    [Fact]
    public async Task Validate_EmptyFile_OneLineAndExitsTwo()
    {
        var path = Write("empty.yaml", "");

        var exitCode = await FrugalCommandLine.InvokeAsync(["validate", "--policy", path], stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal([$"{path}:1:1: the policy is empty; it needs at least a 'budgets' section"], Lines(stderr));
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
