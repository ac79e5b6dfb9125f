using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Directory.Application;

/// <summary>Parameters of a hand-written query, named in order (<c>@p0</c>, <c>@p1</c>, ...) as conditions are added.</summary>
internal sealed class SqlParameters
{
    private readonly List<NpgsqlParameter> _parameters = [];

    public string Add(object value)
    {
        var name = "p" + _parameters.Count;
        _parameters.Add(new NpgsqlParameter(name, value));
        return "@" + name;
    }

    /// <summary>Runs <paramref name="sql"/> with these parameters on the context's connection and hands the reader to <paramref name="read"/>.</summary>
    public async Task<T> QueryAsync<T>(DbContext db, string sql, Func<NpgsqlDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(_parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
