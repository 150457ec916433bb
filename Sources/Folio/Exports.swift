@_exported import FolioModel
