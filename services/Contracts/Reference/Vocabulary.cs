using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CooperationPlatform.Contracts.Reference;

public record VocabularyTerm(string Code, string Label);

/// <summary>A sector, with the OECD DAC CRS purpose codes it maps to (empty where no single code fits).</summary>
public sealed record SectorTerm(string Code, string Label, IReadOnlyList<string> DacCrsCodes) : VocabularyTerm(Code, Label);

/// <summary>A controlled list of terms with kebab-case codes; lookups ignore case.</summary>
public sealed class Vocabulary<TTerm>
    where TTerm : VocabularyTerm
{
    private readonly FrozenDictionary<string, TTerm> _byCode;

    public Vocabulary(string name, IReadOnlyList<TTerm> terms)
    {
        Name = name;
        Terms = [.. terms];
        _byCode = Terms.ToFrozenDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }

    public IReadOnlyList<TTerm> Terms { get; }

    public bool IsKnown(string? code) => code is not null && _byCode.ContainsKey(code);

    public bool TryGet(string? code, [MaybeNullWhen(false)] out TTerm term)
    {
        if (code is null)
        {
            term = null;
            return false;
        }

        return _byCode.TryGetValue(code, out term);
    }
}
