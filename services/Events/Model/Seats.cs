using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>
/// The seat ledger of a registration target (an event, or one of its activities): its capacity (null: unlimited),
/// and how many registrations are confirmed and waitlisted. It is only changed while the target's row is locked,
/// so two registrations never take the same last seat and arrival order is the order the locks were granted.
/// </summary>
public sealed class Seats
{
    public int? Capacity { get; private set; }
    public int Confirmed { get; private set; }
    public int Waitlisted { get; private set; }

    public int? Available => Capacity is { } capacity ? Math.Max(0, capacity - Confirmed) : null;

    /// <summary>How many waitlisted registrations the free seats can take now.</summary>
    public int Promotable => Capacity is { } capacity ? Math.Min(Waitlisted, Math.Max(0, capacity - Confirmed)) : Waitlisted;

    public static Seats WithCapacity(int? capacity) => new() { Capacity = capacity };

    /// <summary>A confirmed seat when one is free, else the end of the waitlist.</summary>
    public RegistrationStatus Take()
    {
        if (Capacity is null || Confirmed < Capacity)
        {
            Confirmed++;
            return RegistrationStatus.Confirmed;
        }
        Waitlisted++;
        return RegistrationStatus.Waitlisted;
    }

    public void Release(RegistrationStatus status)
    {
        switch (status)
        {
            case RegistrationStatus.Confirmed: Confirmed--; break;
            case RegistrationStatus.Waitlisted: Waitlisted--; break;
        }
    }

    public void Promote(int count)
    {
        Waitlisted -= count;
        Confirmed += count;
    }

    /// <summary>A capacity may grow (the waitlist then moves up) but not fall below the confirmed seats.</summary>
    public void Resize(int? capacity)
    {
        if (capacity < Confirmed)
        {
            throw new ConflictException($"The capacity cannot be {capacity}: {Confirmed} registrations are already confirmed. Cancel some first.");
        }
        Capacity = capacity;
    }
}

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}
