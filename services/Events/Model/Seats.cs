using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>
/// The seat ledger of a registration target (an event, or one of its activities): its capacity (null: unlimited),
/// and how many registrations are confirmed, held (a seat kept for an email address not yet confirmed) and waitlisted. It is only changed while the target's row is locked,
/// so two registrations never take the same last seat and arrival order is the order the locks were granted.
/// </summary>
public sealed class Seats
{
    public int? Capacity { get; private set; }
    public int Confirmed { get; private set; }
    public int Waitlisted { get; private set; }
    public int Held { get; private set; }

    public int? Available => Capacity is { } capacity ? Math.Max(0, capacity - Confirmed - Held) : null;

    /// <summary>How many waitlisted registrations the free seats can take now.</summary>
    public int Promotable => Capacity is { } capacity ? Math.Min(Waitlisted, Math.Max(0, capacity - Confirmed - Held)) : Waitlisted;

    public static Seats WithCapacity(int? capacity) => new() { Capacity = capacity };

    /// <summary>A seat when one is free (confirmed, or only held when <paramref name="hold"/>), else the end of the waitlist.</summary>
    public RegistrationStatus Take(bool hold = false)
    {
        if (Capacity is null || Confirmed + Held < Capacity)
        {
            return Occupy(hold);
        }
        Waitlisted++;
        return RegistrationStatus.Waitlisted;
    }

    public void Release(RegistrationStatus status)
    {
        switch (status)
        {
            case RegistrationStatus.Confirmed: Confirmed--; break;
            case RegistrationStatus.Held: Held--; break;
            case RegistrationStatus.Waitlisted: Waitlisted--; break;
        }
    }

    /// <summary>The first on the waitlist takes a free seat: confirmed, or held when their email address is not confirmed yet.</summary>
    public RegistrationStatus Promote(bool hold)
    {
        Waitlisted--;
        return Occupy(hold);
    }

    /// <summary>A held seat becomes a confirmed one: it stays taken, so nobody else can have moved into it.</summary>
    public void ConfirmHeld()
    {
        Held--;
        Confirmed++;
    }

    /// <summary>A capacity may grow (the waitlist then moves up) but not fall below the seats taken, confirmed or held.</summary>
    public void Resize(int? capacity)
    {
        if (capacity < Confirmed + Held)
        {
            throw new ConflictException(
                $"The capacity cannot be {capacity}: {Confirmed} registrations are confirmed and {Held} seats are held. Cancel some first.");
        }
        Capacity = capacity;
    }

    private RegistrationStatus Occupy(bool hold)
    {
        if (hold)
        {
            Held++;
            return RegistrationStatus.Held;
        }
        Confirmed++;
        return RegistrationStatus.Confirmed;
    }
}

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,

    /// <summary>A seat kept for a participant who has not confirmed their email address yet; it lapses at the hold's expiry.</summary>
    Held,
}
