using System.ComponentModel.DataAnnotations;
using Opto.Trace;

namespace Opto.Examples.Battleship;

/// <summary>
/// The agent: a hunt/target policy whose two knobs and whose code are all trainable. A search without an LLM can
/// tune the knobs; only an LLM can rewrite <see cref="ChooseShot"/>.
/// </summary>
[TraceModel]
public partial class ShotPolicy
{
    /// <summary>While hunting, cells where (row + column) is a multiple of this are tried first (2 = a checkerboard).</summary>
    [Trainable, Range(1, 4)]
    public partial int HuntStride { get; set; }

    /// <summary>The order in which the hunt tries the cells it may shoot.</summary>
    [Trainable, AllowedValues("row-major", "center-first", "edges-first")]
    public partial string HuntOrder { get; set; }

    /// <summary>
    /// Chooses the next shot on an 8×8 board given as 64 characters, row by row ('.' not shot yet, 'o' miss,
    /// 'x' hit on a ship still afloat, '#' sunk ship); returns the cell index row * 8 + column of a '.' cell.
    /// Ships are 4, 3, 3 and 2 cells long, straight, across or down.
    /// </summary>
    [Trainable]
    public int ChooseShot(string board, int huntStride, string huntOrder)
    {
        const int n = 8;
        int[] rowSteps = [0, 1, 0, -1];
        int[] columnSteps = [1, 0, -1, 0];

        // Target: a ship was hit but not sunk, so shoot a free cell next to a hit.
        for (var i = 0; i < board.Length; i++)
        {
            if (board[i] != 'x')
            {
                continue;
            }

            for (var d = 0; d < 4; d++)
            {
                int row = (i / n) + rowSteps[d], column = (i % n) + columnSteps[d];
                if (row >= 0 && row < n && column >= 0 && column < n && board[(row * n) + column] == '.')
                {
                    return (row * n) + column;
                }
            }
        }

        // Hunt: free cells in the chosen order, those on the stride's lattice first.
        var free = Enumerable.Range(0, board.Length).Where(i => board[i] == '.');
        double FromCenter(int i) => Math.Abs((i / n) - 3.5) + Math.Abs((i % n) - 3.5);
        free = huntOrder switch
        {
            "center-first" => free.OrderBy(FromCenter),
            "edges-first" => free.OrderByDescending(FromCenter),
            _ => free,
        };
        var cells = free.ToList();
        var stride = Math.Max(1, huntStride);
        foreach (var i in cells)
        {
            if (((i / n) + (i % n)) % stride == 0)
            {
                return i;
            }
        }

        return cells[0];
    }

    /// <summary>Plays the game on the board of a seed with the current knobs and code; returns how it went.</summary>
    [Bundle]
    public GameResult Play(int seed) => Game.Play(seed, board => ChooseShotTrained(board, HuntStride, HuntOrder));
}
