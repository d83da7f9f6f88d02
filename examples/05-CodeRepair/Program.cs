Console.WriteLine("This example is being written.");
