using System.Text;
using System.Xml;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Portfolio.Iati;

/// <summary>
/// Streams projects as an IATI 2.03 <c>iati-activities</c> document. Projects are read one at a time from the database and written
/// through a small buffer that is sent every <see cref="FlushEvery"/> activities, so memory stays flat whatever the number of projects.
/// The writer checks every character: a project that cannot be written as XML (a control character stored before the API refused
/// them) fails the export, before its activity reaches the buffer's send, so only whole activities are ever sent.
/// </summary>
public sealed class IatiExporter(PortfolioDbContext db, IOptions<IatiOptions> options, TimeProvider clock)
{
    private const int FlushEvery = 64;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        CloseOutput = false,
        CheckCharacters = true,
    };

    public async Task WriteAllAsync(Stream destination, CancellationToken cancellationToken)
    {
        var institutions = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, cancellationToken);
        var projects = db.Projects.AsNoTracking().OrderBy(p => p.Id).AsAsyncEnumerable();
        await WriteAsync(destination, projects, institutions, cancellationToken);
    }

    public async Task WriteOneAsync(Stream destination, Project project, CancellationToken cancellationToken)
    {
        var ids = project.CurrentPartners.Select(p => p.InstitutionId).Concat(project.Commitments.Select(c => c.InstitutionId)).ToList();
        var institutions = await db.Institutions.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        await WriteAsync(destination, One(project), institutions, cancellationToken);
    }

    private async Task WriteAsync(Stream destination, IAsyncEnumerable<Project> projects, IReadOnlyDictionary<Guid, Institution> institutions,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // The XmlWriter writes synchronously into this buffer; the buffer goes to the response asynchronously, a chunk at a time.
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("iati-activities");
            xml.WriteAttributeString("version", IatiCodes.Version);
            xml.WriteAttributeString("generated-datetime", XmlConvert.ToString(now));
            xml.WriteAttributeString("xmlns", IatiCodes.Prefix, null, IatiCodes.Namespace);
            var writer = new IatiActivityWriter(xml, options.Value.ReportingOrganisation, institutions.GetValueOrDefault, DateOnly.FromDateTime(now.UtcDateTime));
            var written = 0;
            await foreach (var project in projects.WithCancellation(cancellationToken))
            {
                try
                {
                    writer.WriteActivity(project);
                }
                catch (ArgumentException e)
                {
                    throw new InvalidOperationException($"Project {project.Id} cannot be written as IATI XML: {e.Message}", e);
                }
                if (++written % FlushEvery == 0)
                {
                    await SendAsync(xml, buffer, destination, cancellationToken);
                }
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
            await SendAsync(xml, buffer, destination, cancellationToken);
        }
    }

    private static async Task SendAsync(XmlWriter xml, MemoryStream buffer, Stream destination, CancellationToken cancellationToken)
    {
        xml.Flush();
        await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        buffer.SetLength(0);
        await destination.FlushAsync(cancellationToken);
    }

#pragma warning disable CS1998 // An async iterator over one item.
    private static async IAsyncEnumerable<Project> One(Project project)
    {
        yield return project;
    }
#pragma warning restore CS1998
}
