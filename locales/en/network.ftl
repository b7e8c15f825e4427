## network texts (en): the client's ecomap

ecomap-title = Ecomap

# Which side of the ecomap a member stands on.
sector-informal = Informal network
sector-formal = Formal services

# The tie between the client and a member, as drawn on the ecomap.
tie-strong = Strong tie
tie-normal = Ordinary tie
tie-weak = Weak tie
tie-stressful = Stressful tie
tie-absent = No tie

# The legend: how each kind of tie is drawn.
tie-strong-legend = thick line: a strong, supportive tie
tie-normal-legend = plain line: an ordinary tie
tie-weak-legend = dashed line: a weak or tenuous tie
tie-stressful-legend = hatched line: a tie full of stress or conflict
tie-absent-legend = no line: not connected (yet)
