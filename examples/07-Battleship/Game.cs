using System.Globalization;

namespace Opto.Examples.Battleship;

/// <summary>How one game went.</summary>
/// <param name="Shots">Shots fired, legal or not.</param>
/// <param name="Hits">Shots that hit a ship.</param>
/// <param name="Wasted">Shots at a cell already shot, or off the board.</param>
/// <param name="Finished">Whether every ship was sunk before the shot limit.</param>
public sealed record GameResult(int Shots, int Hits, int Wasted, bool Finished)
{
    /// <summary>Hits per shot: 1 would be a perfect game.</summary>
    public double HitRate => Shots == 0 ? 0 : (double)Hits / Shots;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Finished ? "sank the fleet" : "did not sink the fleet")} in {Shots} shots ({Hits} hits, {Shots - Hits - Wasted} misses, {Wasted} wasted on cells already shot or off the board)");
}

/// <summary>
/// A small Battleship: an 8×8 board and four ships (lengths 4, 3, 3 and 2) placed at random from a seed, so that
/// every policy plays the same boards. Plain C#; nothing here is traced.
/// </summary>
public static class Game
{
    public const int Size = 8;
    public const int Cells = Size * Size;
    public const int ShipCells = 4 + 3 + 3 + 2;

    /// <summary>A game ends after this many shots even if the fleet still floats (a policy may repeat a cell forever).</summary>
    public const int ShotLimit = 2 * Cells;

    private static readonly int[] Fleet = [4, 3, 3, 2];

    /// <summary>
    /// Plays one game. The policy sees the board as 64 characters, row by row: '.' not shot yet, 'o' a miss, 'x' a hit
    /// on a ship still afloat, '#' part of a sunk ship; it answers the index of the next cell (row * 8 + column).
    /// </summary>
    public static GameResult Play(int seed, Func<string, int> policy)
    {
        var ships = Place(seed);
        var view = Enumerable.Repeat('.', Cells).ToArray();
        var left = Fleet.ToArray();
        int shots = 0, hits = 0, wasted = 0, sunk = 0;
        while (sunk < Fleet.Length && shots < ShotLimit)
        {
            var cell = policy(new string(view));
            shots++;
            if (cell is < 0 or >= Cells || view[cell] != '.')
            {
                wasted++;
                continue;
            }

            var ship = ships[cell];
            if (ship < 0)
            {
                view[cell] = 'o';
                continue;
            }

            hits++;
            view[cell] = 'x';
            if (--left[ship] == 0)
            {
                sunk++;
                for (var i = 0; i < Cells; i++)
                {
                    view[i] = ships[i] == ship ? '#' : view[i];
                }
            }
        }

        return new GameResult(shots, hits, wasted, sunk == Fleet.Length);
    }

    /// <summary>The ship (index into the fleet) on each cell, -1 for water.</summary>
    private static int[] Place(int seed)
    {
        var random = new Random(seed);
        var cells = Enumerable.Repeat(-1, Cells).ToArray();
        for (var ship = 0; ship < Fleet.Length; ship++)
        {
            while (true)
            {
                var across = random.Next(2) == 0;
                var row = random.Next(across ? Size : Size - Fleet[ship] + 1);
                var column = random.Next(across ? Size - Fleet[ship] + 1 : Size);
                var placed = Enumerable.Range(0, Fleet[ship]).Select(k => across ? (row * Size) + column + k : ((row + k) * Size) + column).ToArray();
                if (placed.All(c => cells[c] < 0))
                {
                    foreach (var c in placed)
                    {
                        cells[c] = ship;
                    }

                    break;
                }
            }
        }

        return cells;
    }
}
