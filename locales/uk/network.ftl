## network texts (uk)
