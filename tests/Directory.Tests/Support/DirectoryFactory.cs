using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests.Support;

/// <summary>The directory service with the clients most tests call it with, and what it publishes recorded in <see cref="ServiceFactory{TProgram, TDbContext}.Messages"/>.</summary>
public sealed class DirectoryFactory(InfrastructureFixture infrastructure)
    : ServiceFactory<Program, DirectoryDbContext>(infrastructure, "directory", PublishedMessages.InNamespaceOf<InstitutionRegistered>())
{
    public const string ClientId = "directory-tests";
    public const string OtherClientId = "another-partner";

    /// <summary>A client with the directory.write scope, as the partner <see cref="ClientId"/>.</summary>
    public HttpClient Writer { get; private set; } = null!;

    /// <summary>A client without a token: reads are public.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Writer = Client(ClientId, PlatformScopes.DirectoryWrite);
        Anonymous = Client();
    }

    public override async ValueTask DisposeAsync()
    {
        Writer?.Dispose();
        Anonymous?.Dispose();
        await base.DisposeAsync();
    }
}
