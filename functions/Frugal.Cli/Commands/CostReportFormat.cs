namespace Frugal.Cli.Commands;

/// <summary>How <c>frugal costs</c> prints its report.</summary>
internal enum CostReportFormat
{
    Table,
    Json,
    Csv,
}
