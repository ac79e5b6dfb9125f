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

    public void CopyTo(NpgsqlCommand command) => command.Parameters.AddRange(_parameters.ToArray());
}
