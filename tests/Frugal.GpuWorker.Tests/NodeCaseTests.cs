using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Onnx;

namespace Frugal.GpuWorker.Tests;

/// <summary>Every ONNX backend node case in the shared test data, served through <c>/infer</c>.</summary>
public sealed class NodeCaseTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var folders = Directory.EnumerateDirectories(TestData.Path("onnx", "node")).Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Fact]
    public void Cases_SharedTestData_FindsTheNodeCases() => Assert.True(Cases().Count >= 6);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Infer_NodeCase_MatchesExpectedOutput(string caseName)
    {
        using var repository = new TempFolder();
        var source = TestData.Path("onnx", "node", caseName);
        Directory.CreateDirectory(repository.Combine(caseName, "1"));
        File.Copy(Path.Combine(source, "model.onnx"), repository.Combine(caseName, "1", "model.onnx"));
        var graphInputs = GraphInputNames(Path.Combine(source, "model.onnx"));
        var inputs = Directory.EnumerateFiles(Path.Combine(source, "test_data_set_0"), "input_*.pb")
            .Order(StringComparer.Ordinal)
            .Select((path, index) => OnnxTensorFile.Read(path, graphInputs[index]))
            .ToArray();
        var expected = OnnxTensorFile.Read(Path.Combine(source, "test_data_set_0", "output_0.pb"));
        await using var worker = await RunningWorker.StartAsync(repository.FullPath);
        using var content = new StringContent(OnnxTensorFile.RequestJson(inputs), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, body) = await worker.PostRawAsync($"/v2/models/{caseName}/infer", content);

        Assert.Equal(200, status);
        var output = body!["outputs"]![0]!;
        Assert.Equal(expected.Shape, output["shape"]!.AsArray().Select(d => d!.GetValue<long>()));
        Assert.Equal("FP32", output["datatype"]!.GetValue<string>());
        var actual = output["data"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var wanted = expected.AsFloats().ToArray();
        Assert.Equal(wanted.Length, actual.Length);
        for (var i = 0; i < wanted.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - wanted[i]) <= Tolerance, string.Create(CultureInfo.InvariantCulture,
                $"{caseName}: element {i} is {actual[i]}, expected {wanted[i]}"));
        }
    }

    private static string[] GraphInputNames(string modelPath)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return model.Graph.Input.Select(i => i.Name).Where(n => !initializers.Contains(n)).ToArray();
    }
}
