using System.Xml;
using System.Xml.Schema;

namespace CooperationPlatform.Portfolio.Tests.Iati;

/// <summary>The official IATI 2.03 activity schema, copied unchanged from the IATI reference material.</summary>
public static class IatiSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "Iati", "Schema", "iati-activities-schema.xsd"));
        set.Compile();
        return set;
    });

    /// <summary>Every schema error of <paramref name="document"/>, with its line; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(Stream document)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
            }
        };
        using var reader = XmlReader.Create(document, settings);
        while (reader.Read())
        {
        }
        return errors;
    }
}
