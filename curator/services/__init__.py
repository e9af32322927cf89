"""Services: the API the GUI and the command line share. They own transactions and return dataclasses."""
