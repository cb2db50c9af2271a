# Modular post (cabin with interior, floodlight mast, beacon on the roof). BCM pin numbers.
# Relay board inputs are active-high; contact inputs go through the opto board, active-high.
name=modular-post
output.floodlights=17
output.interior=27
output.beacon=22
output.buttonLed=23
output.statusLed=24
output.siren=25
# self-test: the test line closes the panic button's contact through an optocoupler (docs/hardware.md)
output.panicTest=12
input.panic=5
input.door=6
input.tamper=13
input.motion=19
input.mains=26
# lamp current sense (current-sense module per lamp, active while the lamp draws current)
input.floodFeedback=16
input.interiorFeedback=21
input.beaconFeedback=20
i2c.bus=1
i2c.bme280=0x76
i2c.ads1115=0x48
battery.dividerRatio=4.0
