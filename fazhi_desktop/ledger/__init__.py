"""Excel ledgers (台账) in and out, without a database or Qt.

``reader`` opens a file and reads a sheet; ``mapping`` finds the header and proposes where
each column goes (and saves/loads mappings as JSON); ``values`` parses one cell;
``convert`` turns the rows into record data with problems named by row and column;
``writer`` writes a register to ``.xlsx``. ``services.ledger`` adds the store (duplicates,
units, validation, the import transaction) and is what the GUI and ``fazhi excel`` call.
"""
